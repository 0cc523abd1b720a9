<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To a user whose own erasure request waits for a legal hold: Mail.Name,
  Mail.Reason (in their language), Mail.Until, Mail.Link. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Erasureheld.Intro ?>

<?cs var:L.Mail.Erasureheld.Reason ?>: <?cs var:Mail.Reason ?>
<?cs var:L.Mail.Erasureheld.Until ?>: <?cs var:Mail.Until ?>

<?cs var:L.Mail.Erasureheld.After ?>

<?cs var:Mail.Link ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
