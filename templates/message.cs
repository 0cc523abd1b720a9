<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("info") ?></span>
    <h1 id="auth-title"><?cs var:Message.Title ?></h1>
  </div>
  <p class="message-text"><?cs var:Message.Text ?></p>
<?cs if:Message.Link.Href ?>
  <div class="actions">
    <a class="button button-block" href="<?cs var:Page.Base ?><?cs var:Message.Link.Href ?>"><span><?cs if:Message.Link.Label ?><?cs var:Message.Link.Label ?><?cs else ?><?cs var:L.Message.Continue ?><?cs /if ?></span><?cs call:icon("arrow-right") ?></a>
  </div>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
