<?php
$user = $_POST['user'];
// ruleid: picket.php.injection.ldap-filter-tainted
$r = ldap_search($ds, "dc=example,dc=org", "(uid=" . $user . ")");
// ruleid: picket.php.injection.ldap-filter-tainted
$r = ldap_list($ds, "ou=people,dc=example,dc=org", "(cn={$_GET['cn']})");
// ok: picket.php.injection.ldap-filter-tainted
$r = ldap_search($ds, "dc=example,dc=org", "(uid=" . ldap_escape($user, "", LDAP_ESCAPE_FILTER) . ")");
// ok: picket.php.injection.ldap-filter-tainted
$r = ldap_search($ds, "dc=example,dc=org", "(objectClass=person)");
