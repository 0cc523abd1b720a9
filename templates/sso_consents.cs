<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?><?cs #
  /sso/consents (token-tray.c), a page of the profile: the applications
  the user allowed to receive details, Consents.N: App (id), Name, Scopes.M
  (the scopes in words), GrantedAt; each with a revoke form.
?><section class="section" aria-labelledby="h-consents">
  <h2 id="h-consents"><?cs var:L.SsoApps.Consents.Title ?></h2>
  <p class="help"><?cs var:L.SsoApps.Consents.Lead ?></p>
<?cs if:subcount(Consents) > 0 ?>
  <ul class="cards sso-consents"><?cs each:c = Consents ?>
    <li class="card" id="consent-<?cs var:c.App ?>">
      <div class="card-head"><h3><?cs var:c.Name ?></h3></div>
      <p class="card-meta"><?cs call:icon("key") ?><span><?cs var:L.SsoApps.Consents.Scopes ?>: <?cs each:s = c.Scopes ?><?cs var:s ?><?cs if:!last(s) ?>, <?cs /if ?><?cs /each ?></span></p>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.SsoApps.Consents.GrantedAt ?>: <span class="nowrap"><?cs var:c.GrantedAt ?></span></span></p>
      <form method="post" action="<?cs var:Page.Base ?>/sso/consents/revoke">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <input type="hidden" name="app" value="<?cs var:c.App ?>">
        <button type="submit" class="button-small button-secondary"><?cs call:icon("logout") ?><span><?cs var:L.SsoApps.Consents.Revoke ?></span></button>
      </form>
    </li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.SsoApps.Consents.None ?></span></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
