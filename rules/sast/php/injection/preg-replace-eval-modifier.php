<?php
// ruleid: picket.php.injection.preg-replace-eval-modifier
$out = preg_replace('/(\w+)/e', 'strtoupper($1)', $input);
// ruleid: picket.php.injection.preg-replace-eval-modifier
$out = preg_replace('#<b>(.*)</b>#ie', 'bold($1)', $input);
// ok: picket.php.injection.preg-replace-eval-modifier
$out = preg_replace('/\s+/', ' ', $input);
// ok: picket.php.injection.preg-replace-eval-modifier
$out = preg_replace_callback('/(\w+)/', fn($m) => strtoupper($m[1]), $input);
