<?php
$host = $_GET['host'];
// ruleid: picket.php.injection.os-command-tainted
$out = shell_exec("ping -c 1 " . $host);
// ruleid: picket.php.injection.os-command-tainted
system("nslookup " . $_POST['domain']);
// ok: picket.php.injection.os-command-tainted
$out = shell_exec("ping -c 1 " . escapeshellarg($host));
// ok: picket.php.injection.os-command-tainted
system("uptime");
