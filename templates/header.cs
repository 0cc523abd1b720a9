<!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title><?cs var:Page.Title ?> – <?cs var:Portal.Name ?></title>
<link rel="stylesheet" href="<?cs var:Page.Base ?>/assets/pforte.css">
<link rel="icon" type="image/svg+xml" href="<?cs var:Page.Base ?>/assets/favicon.svg">
</head>
<body class="page-<?cs var:Page.Name ?>">
<a class="skip-link" href="#main"><?cs var:L.SkipLink ?></a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="<?cs var:Page.Base ?>/"><img class="brand-mark" src="<?cs var:Page.Base ?>/assets/favicon.svg" alt="" width="32" height="32"><span class="brand-name"><?cs var:Portal.Name ?></span></a>
<?cs if:subcount(Nav) > 0 ?>
    <nav class="site-nav" aria-label="<?cs var:L.Nav.Label ?>">
      <ul><?cs each:item = Nav ?>
        <li><a href="<?cs var:item.Href ?>"<?cs if:item.Current == 1 ?> aria-current="page"<?cs /if ?>><?cs if:item.Icon ?><?cs call:icon(item.Icon) ?><?cs /if ?><span><?cs var:item.Label ?></span></a></li><?cs /each ?>
      </ul>
    </nav>
<?cs /if ?>
<?cs # The switch uses query-only relative links: the browser keeps the
         current path (Page.Path) and only replaces the query. Unlike
         "Page.Path?lang=xx" this can never become a protocol-relative
         off-site link for a request path such as "//evil.example". ?>
    <nav class="lang-switch" aria-label="<?cs var:L.Lang.Switch ?>">
      <?cs call:icon("globe") ?>
      <ul>
        <li><a href="?lang=de" hreflang="de" lang="de"<?cs if:Page.Lang == "de" ?> aria-current="true"<?cs /if ?>><?cs var:L.Lang.de ?></a></li>
        <li><a href="?lang=en" hreflang="en" lang="en"<?cs if:Page.Lang == "en" ?> aria-current="true"<?cs /if ?>><?cs var:L.Lang.en ?></a></li>
      </ul>
    </nav>
<?cs if:Session.Active == 1 ?>
    <div class="session">
      <p class="session-user"><?cs call:icon("user") ?><span><span class="visually-hidden"><?cs var:L.Session.SignedInAs ?>: </span><?cs if:Session.Name ?><?cs var:Session.Name ?><?cs else ?><?cs var:L.Session.Account ?><?cs /if ?></span></p>
      <form class="session-logout" method="post" action="<?cs var:Page.Base ?>/logout">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <button type="submit" class="button-small button-secondary"><?cs call:icon("logout") ?><span><?cs var:L.Session.Logout ?></span></button>
      </form>
    </div>
<?cs /if ?>
  </div>
</header>
<?cs if:Maint.Active == 1 ?>
<div class="banner <?cs if:Maint.Current == 1 ?>banner-maint-current<?cs else ?>banner-maint-upcoming<?cs /if ?>" role="status">
  <div class="container banner-inner">
    <?cs call:icon("maintenance") ?>
    <p><strong><?cs if:Maint.Current == 1 ?><?cs var:L.Maint.Current ?><?cs else ?><?cs var:L.Maint.Upcoming ?><?cs /if ?>:</strong> <?cs var:Maint.Title ?><?cs if:Maint.Start ?>
      <span class="banner-when"><?cs var:L.Maint.From ?> <span class="nowrap"><?cs var:Maint.Start ?></span><?cs if:Maint.End ?> <?cs var:L.Maint.Until ?> <span class="nowrap"><?cs var:Maint.End ?></span><?cs /if ?></span><?cs /if ?></p>
  </div>
</div>
<?cs /if ?>
<main id="main" class="container" tabindex="-1">
