<?php
// ruleid: picket.php.crypto.weak-cipher
$a = openssl_encrypt($data, 'des-ede3-cbc', $key, 0, $iv);
// ruleid: picket.php.crypto.weak-cipher
$b = openssl_encrypt($data, 'aes-128-ecb', $key);
// ok: picket.php.crypto.weak-cipher
$c = openssl_encrypt($data, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);
// ok: picket.php.crypto.weak-cipher
$d = sodium_crypto_secretbox($data, $nonce, $key);
