<?php
// ruleid: picket.php.crypto.fast-hash-for-password
$hash = md5($password);
// ruleid: picket.php.crypto.fast-hash-for-password
$h2 = hash('sha256', $salt . $_POST['password']);
// ok: picket.php.crypto.fast-hash-for-password
$good = password_hash($password, PASSWORD_DEFAULT);
// ok: picket.php.crypto.fast-hash-for-password
$etag = md5($content);
