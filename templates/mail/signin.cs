<?cs # Plain text, rendered without escaping: var: only, no HTML.
  The notice of a sign-in the alert rules found unusual (lib/alert.c):
  when, from where, and the link that ends every session. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Signin.Intro ?>

  <?cs var:L.Mail.Signin.When ?> <?cs var:Mail.When ?>
<?cs if:Mail.Country ?>  <?cs var:L.Mail.Signin.Country ?> <?cs var:Mail.Country ?>
<?cs /if ?><?cs if:Mail.IP ?>  <?cs var:L.Mail.Signin.IP ?> <?cs var:Mail.IP ?>
<?cs /if ?>  <?cs var:L.Mail.Signin.Why.Title ?>
<?cs if:Mail.NewDevice ?>  - <?cs var:L.Mail.Signin.Why.Device ?>
<?cs /if ?><?cs if:Mail.NewCountry ?>  - <?cs var:L.Mail.Signin.Why.Country ?>
<?cs /if ?><?cs if:Mail.Travel ?>  - <?cs var:L.Mail.Signin.Why.Travel ?>
<?cs /if ?>
<?cs var:L.Mail.Signin.You ?>

<?cs var:L.Mail.Signin.NotYou ?>

<?cs var:Mail.Link ?>

<?cs var:L.Mail.Signin.Valid.Before ?> <?cs var:Mail.Days ?> <?cs var:L.Mail.Signin.Valid.After ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
