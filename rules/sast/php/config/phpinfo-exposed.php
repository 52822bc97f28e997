<?php
if (isset($_GET['debug'])) {
    // ruleid: picket.php.config.phpinfo-exposed
    phpinfo();
}
// ruleid: picket.php.config.phpinfo-exposed
phpinfo(INFO_ENVIRONMENT);
// ok: picket.php.config.phpinfo-exposed
echo phpversion();
// ok: picket.php.config.phpinfo-exposed
$info = php_uname('s');
