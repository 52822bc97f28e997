<?php
$conn = mysqli_connect("db", "app", getenv("DB_PASSWORD"), "app");
$id = $_GET['id'];
// ruleid: picket.php.injection.sql-tainted-query
$r = mysqli_query($conn, "SELECT * FROM users WHERE id = " . $id);
// ruleid: picket.php.injection.sql-tainted-query
$rows = $pdo->query("SELECT * FROM users WHERE name = '{$_POST['name']}'");
// ok: picket.php.injection.sql-tainted-query
$r = mysqli_query($conn, "SELECT * FROM users WHERE id = " . intval($id));
$stmt = $pdo->prepare("SELECT * FROM users WHERE name = ?");
// ok: picket.php.injection.sql-tainted-query
$stmt->execute([$_POST['name']]);
