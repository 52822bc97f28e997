<?php
$next = $_GET['next'];
if ($next === '') {
    // ok: picket.php.redirect.tainted-redirect
    header("Location: /home");
} elseif ($next === 'user') {
    // ok: picket.php.redirect.tainted-redirect
    header("Location: /users/" . urlencode($_GET['id']));
} elseif ($next === 'back') {
    // ruleid: picket.php.redirect.tainted-redirect
    header("Location: " . $_SERVER['HTTP_REFERER']);
} else {
    // ruleid: picket.php.redirect.tainted-redirect
    header("Location: " . $next);
}
