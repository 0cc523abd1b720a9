<?cs # Plain text, rendered without escaping: var: only, no HTML. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Magic.Intro ?>

<?cs var:Mail.Link ?>

<?cs if:Mail.Minutes ?><?cs var:L.Mail.Magic.Valid.Before ?> <?cs var:Mail.Minutes ?> <?cs var:L.Mail.Magic.Valid.After ?> <?cs /if ?><?cs var:L.Mail.Magic.Factor ?>

<?cs var:L.Mail.Magic.Ignore ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
