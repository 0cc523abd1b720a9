<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /apps, the app tray (token-tray.c): the active applications this user
  may use, Apps.N: Name, Href (its initiate-login URI with iss; absent
  when the application has none: listed without a link), Icon (an image
  URL the CSP allows, else the sprite's "app").
?><div class="page-head">
  <h1><?cs var:L.SsoApps.Apps.Title ?></h1>
  <p class="lead"><?cs var:L.SsoApps.Apps.Lead ?></p>
</div>
<?cs if:subcount(Apps) > 0 ?>
<ul class="places sso-apps" aria-label="<?cs var:L.SsoApps.Apps.Label ?>"><?cs each:a = Apps ?>
  <li><?cs if:a.Href ?><a class="place sso-app" href="<?cs var:a.Href ?>"><?cs else ?><div class="place sso-app sso-app-nolink"><?cs /if
  ?><span class="place-icon"><?cs if:a.Icon ?><img src="<?cs var:a.Icon ?>" alt="" width="32" height="32"><?cs else ?><?cs call:icon("app") ?><?cs /if ?></span><span class="place-text"><span class="place-label"><?cs var:a.Name ?></span><span class="place-desc"><?cs if:a.Href ?><?cs var:L.SsoApps.Apps.Open ?><?cs else ?><?cs var:L.SsoApps.Apps.NoLink ?><?cs /if ?></span></span><?cs
  if:a.Href ?></a><?cs else ?></div><?cs /if ?></li><?cs /each ?>
</ul>
<?cs else ?>
<p class="empty"><?cs call:icon("info") ?><span><?cs var:L.SsoApps.Apps.None ?></span></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
