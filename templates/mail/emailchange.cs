<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To the old address when a change to Mail.New was asked for. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Emailchange.Intro ?>

    <?cs var:Mail.New ?>

<?cs var:L.Mail.Emailchange.Confirm ?>

<?cs var:L.Mail.Emailchange.NotYou ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
