<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  The question before a deletion: Docs.Confirm.Action (the form's path),
  Docs.Confirm.Text, Docs.Doc.Id and Title, Docs.Confirm.V (a version).
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark auth-mark-warn"><?cs call:icon("degraded") ?></span>
    <h1 id="auth-title"><?cs var:L.Docs.Confirm.Title ?></h1>
  </div>
  <p class="message-text"><strong><?cs var:Docs.Doc.Title ?></strong></p>
  <p class="message-text"><?cs var:Docs.Confirm.Text ?> <?cs var:L.Docs.Confirm.Retention ?> <?cs var:Docs.RetentionDays ?> <?cs var:L.Docs.Confirm.Days ?></p>
  <form method="post" action="<?cs var:Page.Base ?><?cs var:Docs.Confirm.Action ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>"><?cs if:Docs.Confirm.V ?>
    <input type="hidden" name="v" value="<?cs var:Docs.Confirm.V ?>"><?cs /if ?>
    <input type="hidden" name="confirm" value="1">
    <div class="actions">
      <button type="submit"><?cs call:icon("down") ?><span><?cs var:L.Docs.Confirm.Yes ?></span></button>
      <a class="button button-secondary" href="<?cs var:Page.Base ?>/documents/view?id=<?cs var:url_escape(Docs.Doc.Id) ?>"><?cs var:L.Docs.Confirm.No ?></a>
    </div>
  </form>
</section>
</div>
<?cs include:"footer.cs" ?>
