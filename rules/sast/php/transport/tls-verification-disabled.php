<?php
$ch = curl_init("https://api.internal/");
// ruleid: picket.php.transport.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
// ruleid: picket.php.transport.tls-verification-disabled
$ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);
// ok: picket.php.transport.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
// ok: picket.php.transport.tls-verification-disabled
curl_setopt($ch, CURLOPT_CAINFO, "/etc/ssl/private-ca.pem");
