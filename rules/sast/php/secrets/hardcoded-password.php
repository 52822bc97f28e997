<?php
// ruleid: picket.php.secrets.hardcoded-password
$dbPassword = "s3cr3t-Pr0d!";
// ruleid: picket.php.secrets.hardcoded-password
$pdo = new PDO("mysql:host=db;dbname=app", "app", "hunter2hunter2");
// ok: picket.php.secrets.hardcoded-password
$pdo2 = new PDO("mysql:host=db;dbname=app", "app", getenv("DB_PASSWORD"));
// ok: picket.php.secrets.hardcoded-password
$passwordLabel = "Password";
