<?php
$name = $_GET['name'];
// ruleid: picket.php.xss.echo-tainted
echo "<h1>Hello " . $name . "</h1>";
// ruleid: picket.php.xss.echo-tainted
printf("<p>%s</p>", $_POST['comment']);
// ok: picket.php.xss.echo-tainted
echo "<h1>Hello " . htmlspecialchars($name, ENT_QUOTES, 'UTF-8') . "</h1>";
// ok: picket.php.xss.echo-tainted
echo "<h1>Hello</h1>";
