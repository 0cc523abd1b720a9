<?cs # Plain text, rendered without escaping: var: only, no HTML. ?><?cs
var:L.Mail.Greeting ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:L.Mail.Code.Intro ?>

    <?cs var:Mail.Code ?>
<?cs if:Mail.Minutes ?>
<?cs var:L.Mail.Code.Valid.Before ?> <?cs var:Mail.Minutes ?> <?cs var:L.Mail.Code.Valid.After ?>
<?cs /if ?>
<?cs var:L.Mail.Code.Share ?>

<?cs var:L.Mail.Code.NotYou ?>

-- 
<?cs var:L.Mail.Auto.Before ?> <?cs var:Mail.Portal ?> <?cs var:L.Mail.Auto.After ?>
