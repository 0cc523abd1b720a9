<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Alerts.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Alerts.Lead ?><?cs if:Admin.Alerts.Scope ?> <?cs var:L.Admin.Alerts.OwnOrg ?><?cs /if ?></p>
</div>
<?cs call:admin_alerts() ?>
<nav aria-label="<?cs var:L.Admin.Alerts.StateLabel ?>">
  <ul class="actions">
    <li><a class="button button-small<?cs if:Admin.Alerts.State != "open" ?> button-secondary<?cs /if ?>" href="<?cs var:Page.Base ?>/admin/alerts?state=open"<?cs if:Admin.Alerts.State == "open" ?> aria-current="page"<?cs /if ?>><span><?cs var:L.Admin.Alerts.States.open ?></span></a></li>
    <li><a class="button button-small<?cs if:Admin.Alerts.State != "acknowledged" ?> button-secondary<?cs /if ?>" href="<?cs var:Page.Base ?>/admin/alerts?state=acknowledged"<?cs if:Admin.Alerts.State == "acknowledged" ?> aria-current="page"<?cs /if ?>><span><?cs var:L.Admin.Alerts.States.acknowledged ?></span></a></li>
  </ul>
</nav>
<section class="section" aria-labelledby="h-alerts">
  <h2 id="h-alerts"><?cs var:L.Admin.Alerts.States[Admin.Alerts.State] ?></h2><?cs if:subcount(Admin.Alerts.List) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Alerts.Time ?></th><th scope="col"><?cs var:L.Admin.Alerts.Rule ?></th><th scope="col"><?cs var:L.Status.SeverityLabel ?></th><th scope="col"><?cs var:L.Admin.Alerts.Subject ?></th><th scope="col"><?cs var:L.Admin.Alerts.Detail ?></th><th scope="col"><?cs if:Admin.Alerts.State == "open" ?><span class="visually-hidden"><?cs var:L.Admin.Actions ?></span><?cs else ?><?cs var:L.Admin.Alerts.AckedBy ?><?cs /if ?></th></tr></thead>
    <tbody><?cs each:a = Admin.Alerts.List ?>
      <tr id="alert-<?cs var:a.Id ?>"><td class="nowrap"><?cs var:a.At ?> UTC<br><span class="help">#<?cs var:a.Id ?></span></td>
        <td><?cs var:a.RuleLabel ?> <code><?cs var:a.Rule ?></code></td>
        <td><?cs call:severity_badge(a.Severity) ?></td>
        <td><?cs if:a.User ?><?cs if:a.Email ?><?cs var:a.Email ?><?cs else ?><?cs var:L.Admin.Audit.Unknown ?><?cs /if ?> <span class="help">#<?cs var:a.User ?></span><?cs /if ?><?cs if:a.Org ?><br><span class="help"><?cs var:a.Org ?></span><?cs /if ?><?cs if:a.Event ?><br><a href="<?cs var:Page.Base ?>/admin/audit?before=<?cs var:url_escape(a.EventBefore) ?>#event-<?cs var:url_escape(a.Event) ?>"><?cs var:L.Admin.Alerts.Event ?> #<?cs var:a.Event ?></a><?cs /if ?></td>
        <td><?cs if:a.Detail ?><code><?cs var:a.Detail ?></code><?cs /if ?><?cs if:a.Sealed ?><span class="tag"><?cs var:L.Admin.Audit.Sealed ?></span><?cs /if ?></td>
        <td><?cs if:a.State == "open" ?><form method="post" action="<?cs var:Page.Base ?>/admin/alerts/ack"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:a.Id ?>"><button type="submit" class="button-small"><span><?cs var:L.Admin.Alerts.Ack ?><span class="visually-hidden"> #<?cs var:a.Id ?></span></span></button></form><?cs else ?><?cs if:a.AckedEmail ?><?cs var:a.AckedEmail ?><?cs else ?>#<?cs var:a.AckedBy ?><?cs /if ?><br><span class="help"><?cs var:a.AckedAt ?> UTC</span><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.Alerts.None ?></span></p><?cs /if ?><?cs if:Admin.Alerts.Paged || Admin.Alerts.Next ?>
  <ul class="actions"><?cs if:Admin.Alerts.Paged ?>
    <li><a class="button button-small button-secondary" href="<?cs var:Page.Base ?>/admin/alerts?state=<?cs var:url_escape(Admin.Alerts.State) ?>"><?cs call:icon("arrow-left") ?><span><?cs var:L.Admin.Audit.Newest ?></span></a></li><?cs /if ?><?cs if:Admin.Alerts.Next ?>
    <li><a class="button button-small button-secondary" rel="next" href="<?cs var:Page.Base ?>/admin/alerts?state=<?cs var:url_escape(Admin.Alerts.State) ?>&amp;before=<?cs var:url_escape(Admin.Alerts.Next) ?>"><span><?cs var:L.Admin.Audit.Older ?></span><?cs call:icon("arrow-right") ?></a></li><?cs /if ?>
  </ul><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
