<?php
// ruleid: picket.php.crypto.weak-hash-algorithm
$a = md5($data);
// ruleid: picket.php.crypto.weak-hash-algorithm
$b = hash('sha1', $data);
// ok: picket.php.crypto.weak-hash-algorithm
$c = hash('sha256', $data);
// ok: picket.php.crypto.weak-hash-algorithm
$d = hash_hmac('sha256', $data, $key);
