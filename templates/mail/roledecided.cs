<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To the approver, as a confirmation: Mail.Requester (name), Mail.Role
  (label), Mail.Approved (1 or 0), Mail.Until, Mail.Comment (when given),
  Mail.Link (the request's page). ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs if:Mail.Approved == "1" ?><?cs var:L.Mail.Roledecided.Approved ?><?cs else ?><?cs var:L.Mail.Roledecided.Rejected ?><?cs /if ?>

<?cs var:L.Mail.Roledecided.Requester ?>: <?cs var:Mail.Requester ?>
<?cs var:L.Mail.Roledecided.Role ?>: <?cs var:Mail.Role ?>
<?cs if:Mail.Until ?><?cs var:L.Mail.Roledecided.Until ?>: <?cs var:Mail.Until ?>
<?cs /if ?><?cs if:Mail.Comment ?>
<?cs var:L.Mail.Roledecided.Comment ?>

<?cs var:Mail.Comment ?>
<?cs /if ?>
<?cs var:L.Mail.Roledecided.Open ?>

<?cs var:Mail.Link ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
