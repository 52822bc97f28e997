<?php
// ruleid: picket.php.crypto.rsa-key-too-small
$a = openssl_pkey_new(["private_key_bits" => 1024, "private_key_type" => OPENSSL_KEYTYPE_RSA]);
// ruleid: picket.php.crypto.rsa-key-too-small
$b = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_DSA, 'private_key_bits' => 512]);
// ok: picket.php.crypto.rsa-key-too-small
$c = openssl_pkey_new(["private_key_bits" => 3072, "private_key_type" => OPENSSL_KEYTYPE_RSA]);
// ok: picket.php.crypto.rsa-key-too-small
$d = openssl_pkey_new(["curve_name" => "prime256v1", "private_key_type" => OPENSSL_KEYTYPE_EC]);
