<?php
$doc = new DOMDocument();
$doc->load("users.xml");
$xp = new DOMXPath($doc);
// ruleid: picket.php.injection.xpath-tainted
$nodes = $xp->query("//user[@name='" . $_GET['name'] . "']");
$sx = simplexml_load_file("users.xml");
// ruleid: picket.php.injection.xpath-tainted
$hits = $sx->xpath("//user[@id='" . $_GET['id'] . "']");
// ok: picket.php.injection.xpath-tainted
$admins = $xp->query("//user[@role='admin']");
// ok: picket.php.injection.xpath-tainted
$one = $sx->xpath("//user[@id=" . intval($_GET['id']) . "]");
