<?php
// ruleid: picket.php.ssrf.tainted-request-url
$ch = curl_init($_GET['url']);
$c2 = curl_init();
// ruleid: picket.php.ssrf.tainted-request-url
curl_setopt($c2, CURLOPT_URL, "http://" . $_POST['host'] . "/status");
// ok: picket.php.ssrf.tainted-request-url
$c3 = curl_init("https://api.example/search?q=" . urlencode($_GET['q']));
// ok: picket.php.ssrf.tainted-request-url
curl_setopt($c2, CURLOPT_URL, "https://api.example/health");
