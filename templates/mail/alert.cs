<?cs # Plain text, rendered without escaping: var: only, no HTML.
  A security alert for the contacts of Alerts.Contacts (lib/alert.c):
  ids, not names; the details are what the rule saw. ?><?cs
var:L.Mail.Alert.Intro ?>

  <?cs var:L.Mail.Alert.Rule ?> <?cs var:Mail.Rule ?>
  <?cs var:L.Mail.Alert.Severity ?> <?cs var:Mail.Severity ?>
  <?cs var:L.Mail.Alert.When ?> <?cs var:Mail.When ?>
  <?cs var:L.Mail.Alert.Id ?> <?cs var:Mail.Id ?>
<?cs if:Mail.User ?>  <?cs var:L.Mail.Alert.User ?> <?cs var:Mail.User ?>
<?cs /if ?><?cs if:Mail.Org ?>  <?cs var:L.Mail.Alert.Org ?> <?cs var:Mail.Org ?>
<?cs /if ?>  <?cs var:L.Mail.Alert.Audit ?> <?cs var:Mail.Audit ?>
  <?cs var:L.Mail.Alert.Request ?> <?cs var:Mail.Request ?>
  <?cs var:L.Mail.Alert.Detail ?> <?cs var:Mail.Detail ?>

<?cs var:L.Mail.Alert.Ack ?>
<?cs var:Mail.Link ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
