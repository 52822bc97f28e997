<?php
$page = $_GET['page'];
// ruleid: picket.php.injection.file-inclusion
include($page . ".php");
// ruleid: picket.php.injection.file-inclusion
require_once __DIR__ . "/modules/" . $_POST['module'];
// ok: picket.php.injection.file-inclusion
include __DIR__ . "/pages/" . basename($page) . ".php";
// ok: picket.php.injection.file-inclusion
require_once __DIR__ . "/config.php";
