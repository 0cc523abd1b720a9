<?cs # Plain text, rendered without escaping: var: only, no HTML.
  To the requester: Mail.Role (label), Mail.Approved (1 or 0), Mail.Until
  (the grant's end, when it has one), Mail.Comment (when given),
  Mail.Link (their roles). ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs if:Mail.Approved == "1" ?><?cs var:L.Mail.Roledecision.Approved ?><?cs else ?><?cs var:L.Mail.Roledecision.Rejected ?><?cs /if ?>

    <?cs var:Mail.Role ?>
<?cs if:Mail.Approved == "1" ?>
<?cs if:Mail.Until ?><?cs var:L.Mail.Roledecision.Until ?> <?cs var:Mail.Until ?>.
<?cs /if ?><?cs var:L.Mail.Roledecision.Effect ?>
<?cs /if ?><?cs if:Mail.Comment ?>
<?cs var:L.Mail.Roledecision.Comment ?>

<?cs var:Mail.Comment ?>
<?cs /if ?>
<?cs var:L.Mail.Roledecision.Open ?>

<?cs var:Mail.Link ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
