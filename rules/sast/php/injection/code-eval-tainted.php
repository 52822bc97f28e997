<?php
// ruleid: picket.php.injection.code-eval-tainted
eval('$x = ' . $_GET['expr'] . ';');
// ruleid: picket.php.injection.code-eval-tainted
$r = call_user_func($_POST['fn'], 1);
// ok: picket.php.injection.code-eval-tainted
$data = json_decode($_POST['json'], true);
// ok: picket.php.injection.code-eval-tainted
$r = call_user_func('strtoupper', $_POST['name']);
