<?php
$base = "/srv/files/";
$name = $_GET['file'];
// ruleid: picket.php.path-traversal.tainted-file-path
$data = file_get_contents($base . $name);
// ruleid: picket.php.path-traversal.tainted-file-path
readfile("/srv/files/" . $_POST['doc']);
// ok: picket.php.path-traversal.tainted-file-path
$data = file_get_contents($base . basename($name));
// ok: picket.php.path-traversal.tainted-file-path
$cfg = file_get_contents(__DIR__ . "/config.json");
