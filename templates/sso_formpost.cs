<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  response_mode=form_post (OAuth 2.0 Form Post Response Mode): the answer
  goes to the application's registered redirect URI as a POST.
  assets/formpost.js sends the form at once (script-src 'self': no inline
  script); without JavaScript the user presses the button.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("arrow-right") ?></span>
    <h1 id="auth-title"><?cs var:L.Sso.FormPost.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Sso.FormPost.Lead ?> <strong class="sso-app"><?cs var:Sso.App ?></strong>.</p>
  </div>
  <form id="sso-formpost" class="auth-form" method="post" action="<?cs var:Sso.Action ?>"><?cs each:p = Sso.Post ?>
    <input type="hidden" name="<?cs var:p.Name ?>" value="<?cs var:p.Value ?>"><?cs /each ?>
    <button type="submit" class="button-block"><span><?cs var:L.Sso.FormPost.Continue ?></span><?cs call:icon("arrow-right") ?></button>
  </form>
</section>
</div>
<script src="<?cs var:Page.Base ?>/assets/formpost.js"></script>
<?cs include:"footer.cs" ?>
