<?php
// ruleid: picket.php.injection.extract-request-data
extract($_POST);
// ruleid: picket.php.injection.extract-request-data
parse_str($_SERVER['QUERY_STRING']);
// ok: picket.php.injection.extract-request-data
parse_str($_SERVER['QUERY_STRING'], $query);
// ok: picket.php.injection.extract-request-data
extract(['a' => 1], EXTR_SKIP);
