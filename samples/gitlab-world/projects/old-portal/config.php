<?php
$db_host = "db.internal";
$db_password = "Winter2019!portal";
