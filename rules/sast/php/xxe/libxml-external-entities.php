<?php
$doc = new DOMDocument();
// ruleid: picket.php.xxe.libxml-external-entities
$doc->loadXML($xml, LIBXML_NOENT);
// ruleid: picket.php.xxe.libxml-external-entities
$sx = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_DTDLOAD | LIBXML_NONET);
// ok: picket.php.xxe.libxml-external-entities
$doc->loadXML($xml, LIBXML_NONET);
// ok: picket.php.xxe.libxml-external-entities
$sx = simplexml_load_string($xml);
