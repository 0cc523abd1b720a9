<?cs # Plain text, rendered without escaping: var: only, no HTML.
  The link's validity: Mail.Until (a time) when given, else Mail.Minutes. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Setup.Account.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Setup.Account.After ?> <?cs var:L.Mail.Setup.Intro ?>

<?cs var:Mail.Link ?>
<?cs if:Mail.Until ?>
<?cs var:L.Mail.Setup.Until ?> <?cs var:Mail.Until ?>.
<?cs elif:Mail.Minutes ?>
<?cs var:L.Mail.Setup.Valid.Before ?> <?cs var:Mail.Minutes ?> <?cs var:L.Mail.Setup.Valid.After ?>
<?cs /if ?>
<?cs var:L.Mail.Setup.Ignore ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
