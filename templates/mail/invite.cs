<?cs # Plain text, rendered without escaping: var: only, no HTML.
  An invitation: who invited (Mail.Inviter), into which organisation
  (Mail.Org), the one-time setup link and how long it is valid. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:Mail.Inviter ?> <?cs var:L.Mail.Invite.Invited.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Invite.Invited.After ?>

<?cs var:L.Mail.Invite.Org ?>: <?cs var:Mail.Org ?>

<?cs var:L.Mail.Invite.Intro ?>

<?cs var:Mail.Link ?>

<?cs var:L.Mail.Invite.Valid.Before ?> <?cs var:Mail.Hours ?> <?cs var:L.Mail.Invite.Valid.After ?>
<?cs var:L.Mail.Invite.Factor ?>

<?cs var:L.Mail.Invite.Ignore ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
