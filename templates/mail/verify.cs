<?cs # Plain text, rendered without escaping: var: only, no HTML.
  Either Mail.Link (open it) or Mail.Code (enter it) proves the address. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Verify.Intro ?> <?cs if:Mail.Link ?><?cs var:L.Mail.Verify.Link ?>

<?cs var:Mail.Link ?><?cs else ?><?cs var:L.Mail.Verify.Code ?>

    <?cs var:Mail.Code ?><?cs /if ?>
<?cs if:Mail.Minutes ?>
<?cs var:L.Mail.Verify.Valid.Before ?> <?cs var:Mail.Minutes ?> <?cs var:L.Mail.Verify.Valid.After ?>
<?cs /if ?>
<?cs var:L.Mail.Verify.Ignore ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
