<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To the user who asked for the erasure of their account: Mail.Name,
  Mail.Due (when it will be carried out), Mail.Link (/privacy/erase,
  where it can be cancelled until then). ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Erasurerequested.Intro ?>

<?cs var:L.Mail.Erasurerequested.Due ?>: <?cs var:Mail.Due ?>

<?cs var:L.Mail.Erasurerequested.Cancel ?>

<?cs var:Mail.Link ?>

<?cs var:L.Mail.Erasurerequested.NotYou ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
