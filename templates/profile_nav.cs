<?cs # The head of every profile page: title, the sub-navigation, and the
  message or notice of the last action. Included after header.cs. ?>
<div class="page-head">
  <h1><?cs var:Page.Title ?></h1>
  <p class="lead"><?cs var:L.Profile.Lead ?></p>
</div>
<nav class="profile-nav" aria-label="<?cs var:L.Profile.Nav.Label ?>">
  <ul class="actions"><?cs each:item = Profile.Nav ?>
    <li><a class="button button-small<?cs if:item.Current != 1 ?> button-secondary<?cs /if ?>" href="<?cs var:Page.Base ?><?cs var:item.Href ?>"<?cs if:item.Current == 1 ?> aria-current="page"<?cs /if ?>><?cs call:icon(item.Icon) ?><span><?cs var:item.Label ?></span></a></li><?cs /each ?>
    <li><a class="button button-small<?cs if:Page.Path != "/sso/consents" ?> button-secondary<?cs /if ?>" href="<?cs var:Page.Base ?>/sso/consents"<?cs if:Page.Path == "/sso/consents" ?> aria-current="page"<?cs /if ?>><?cs call:icon("app") ?><span><?cs var:L.SsoApps.Consents.Nav ?></span></a></li>
  </ul>
</nav>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?><?cs if:Form.StepUp ?> <a href="<?cs var:Page.Base ?><?cs var:Form.StepUp ?>"><?cs var:L.Profile.StepUpLink ?></a><?cs /if ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
