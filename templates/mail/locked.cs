<?cs # Plain text, rendered without escaping: var: only, no HTML.
  The block ends at Mail.Until or after Mail.Minutes, whichever is given;
  Mail.Link, when given, is where to reset the password. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Locked.Intro ?><?cs if:Mail.Until ?> <?cs var:L.Mail.Locked.Until ?> <?cs var:Mail.Until ?>.<?cs elif:Mail.Minutes ?> <?cs var:L.Mail.Locked.Duration.Before ?> <?cs var:Mail.Minutes ?> <?cs var:L.Mail.Locked.Duration.After ?><?cs /if ?> <?cs var:L.Mail.Locked.You ?>

<?cs var:L.Mail.Locked.NotYou ?> <?cs var:L.Mail.Locked.Reset ?>
<?cs if:Mail.Link ?>
<?cs var:Mail.Link ?>
<?cs /if ?>
-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
