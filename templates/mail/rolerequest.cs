<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To an approver: Mail.Requester (name), Mail.Email, Mail.Role (label),
  Mail.Link (the request's page).  The justification stays in the portal. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Rolerequest.Intro ?>

<?cs var:L.Mail.Rolerequest.Requester ?>: <?cs var:Mail.Requester ?> <<?cs var:Mail.Email ?>>
<?cs var:L.Mail.Rolerequest.Role ?>: <?cs var:Mail.Role ?>

<?cs var:L.Mail.Rolerequest.Open ?>

<?cs var:Mail.Link ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
