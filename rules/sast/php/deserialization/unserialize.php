<?php
// ruleid: picket.php.deserialization.unserialize
$prefs = unserialize($_COOKIE['prefs']);
// ruleid: picket.php.deserialization.unserialize
$obj = unserialize(base64_decode($row['payload']));
// ok: picket.php.deserialization.unserialize
$safe = unserialize($_COOKIE['prefs'], ['allowed_classes' => false]);
// ok: picket.php.deserialization.unserialize
$data = json_decode($_COOKIE['prefs'], true);
