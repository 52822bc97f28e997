<?php
// ruleid: picket.php.crypto.insecure-random-secret
$resetToken = md5(uniqid(mt_rand(), true));
// ruleid: picket.php.crypto.insecure-random-secret
$otp = rand(100000, 999999);
// ok: picket.php.crypto.insecure-random-secret
$apiKey = bin2hex(random_bytes(32));
// ok: picket.php.crypto.insecure-random-secret
$jitter = mt_rand(0, 100);
