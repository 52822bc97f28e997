<?php
// ruleid: picket.php.config.display-errors-enabled
ini_set('display_errors', '1');
// ruleid: picket.php.config.display-errors-enabled
ini_set("display_startup_errors", true);
// ok: picket.php.config.display-errors-enabled
ini_set('display_errors', '0');
// ok: picket.php.config.display-errors-enabled
ini_set('log_errors', '1');
