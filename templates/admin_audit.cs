<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Audit.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Audit.Lead ?><?cs if:Admin.Audit.Scope ?> <?cs var:L.Admin.Audit.OwnOrg ?><?cs /if ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-filter">
  <h2 id="h-filter"><?cs var:L.Admin.Audit.Filter ?></h2>
  <form method="get" action="<?cs var:Page.Base ?>/admin/audit" role="search">
    <p class="help"><?cs var:L.Admin.Audit.TimeHelp ?></p>
    <?cs call:field_text("from", L.Admin.Audit.From, Admin.Audit.F.From, "", "text", 0) ?>
    <?cs call:field_text("to", L.Admin.Audit.To, Admin.Audit.F.To, "", "text", 0) ?>
    <?cs call:field_text("actor", L.Admin.Audit.Actor, Admin.Audit.F.Actor, L.Admin.Audit.ActorHelp, "text", 0) ?>
    <?cs call:field_text("event", L.Admin.Audit.Event, Admin.Audit.F.Event, L.Admin.Audit.EventHelp, "text", 0) ?>
    <?cs call:field_text("target", L.Admin.Audit.Target, Admin.Audit.F.Target, L.Admin.Audit.TargetHelp, "text", 0) ?>
    <div class="field">
      <label for="f-outcome"><?cs var:L.Admin.Audit.Outcome ?></label>
      <select id="f-outcome" name="outcome">
        <option value=""><?cs var:L.Admin.Audit.AnyOutcome ?></option>
        <option value="ok"<?cs if:Admin.Audit.F.Outcome == "ok" ?> selected<?cs /if ?>><?cs var:L.Admin.Audit.Outcomes.ok ?></option>
        <option value="fail"<?cs if:Admin.Audit.F.Outcome == "fail" ?> selected<?cs /if ?>><?cs var:L.Admin.Audit.Outcomes.fail ?></option>
        <option value="info"<?cs if:Admin.Audit.F.Outcome == "info" ?> selected<?cs /if ?>><?cs var:L.Admin.Audit.Outcomes.info ?></option>
      </select>
    </div>
    <?cs call:field_text("ip", L.Admin.Audit.Ip, Admin.Audit.F.Ip, L.Admin.Audit.IpHelp, "text", 0) ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("clock") ?><span><?cs var:L.Admin.Audit.Submit ?></span></button>
      <a class="button button-secondary" href="<?cs var:Page.Base ?>/admin/audit"><?cs var:L.Admin.Audit.Reset ?></a>
    </div>
  </form>
</section>
<section class="section" aria-labelledby="h-events">
  <h2 id="h-events"><?cs var:L.Admin.Audit.Events ?></h2>
  <ul class="actions">
    <li><a class="button button-small button-secondary" href="<?cs var:Page.Base ?>/admin/audit/export?format=csv<?cs if:Admin.Audit.Query ?>&amp;<?cs var:Admin.Audit.Query ?><?cs /if ?>"><?cs call:icon("doc") ?><span><?cs var:L.Admin.Audit.ExportCsv ?></span></a></li>
    <li><a class="button button-small button-secondary" href="<?cs var:Page.Base ?>/admin/audit/export?format=jsonl<?cs if:Admin.Audit.Query ?>&amp;<?cs var:Admin.Audit.Query ?><?cs /if ?>"><?cs call:icon("doc") ?><span><?cs var:L.Admin.Audit.ExportJsonl ?></span></a></li>
  </ul>
  <p class="help"><?cs var:L.Admin.Audit.ExportHelp ?></p><?cs if:subcount(Admin.Audit.Rows) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Audit.Time ?></th><th scope="col"><?cs var:L.Admin.Audit.Event ?></th><th scope="col"><?cs var:L.Admin.Audit.Actor ?></th><th scope="col"><?cs var:L.Admin.Audit.Target ?></th><th scope="col"><?cs var:L.Admin.Audit.Source ?></th><th scope="col"><?cs var:L.Admin.Audit.Detail ?></th></tr></thead>
    <tbody><?cs each:e = Admin.Audit.Rows ?>
      <tr id="event-<?cs var:e.Id ?>"><td class="nowrap"><?cs var:e.At ?> UTC<br><span class="help">#<?cs var:e.Id ?> <?cs var:e.Program ?> <?cs var:e.Request ?></span></td>
        <td><code><?cs var:e.Action ?></code><br><span class="tag outcome-<?cs var:e.Outcome ?>"><?cs var:L.Admin.Audit.Outcomes[e.Outcome] ?></span></td>
        <td><?cs if:e.Actor ?><?cs if:e.ActorEmail ?><?cs var:e.ActorEmail ?><?cs else ?><?cs var:L.Admin.Audit.Unknown ?><?cs /if ?> <span class="help">#<?cs var:e.Actor ?><?cs if:e.ActorOrg ?>, <?cs var:L.Admin.Audit.OrgShort ?> <?cs var:e.ActorOrg ?><?cs /if ?></span><?cs else ?><?cs var:L.Admin.Audit.System ?><?cs /if ?></td>
        <td><?cs if:e.Object ?><code><?cs var:e.Object ?></code><?cs /if ?><?cs if:e.User ?> <span class="help"><?cs var:L.Admin.Audit.UserShort ?> #<?cs var:e.User ?></span><?cs /if ?><?cs if:e.Org ?> <span class="help"><?cs var:L.Admin.Audit.OrgShort ?> <?cs var:e.Org ?></span><?cs /if ?></td>
        <td><?cs if:e.Ip ?><code><?cs var:e.Ip ?></code><?cs /if ?><?cs if:e.Ua ?><br><span class="help"><?cs var:e.Ua ?></span><?cs /if ?></td>
        <td><?cs if:e.Detail ?><code><?cs var:e.Detail ?></code><?cs /if ?><?cs if:e.Change ?><br><code class="change"><?cs var:e.Change ?></code><?cs /if ?><?cs if:e.Sealed ?><br><span class="tag"><?cs var:L.Admin.Audit.Sealed ?></span><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.Audit.None ?></span></p><?cs /if ?>
  <ul class="actions"><?cs if:Admin.Audit.Paged ?>
    <li><a class="button button-small button-secondary" href="<?cs var:Page.Base ?>/admin/audit<?cs if:Admin.Audit.Query ?>?<?cs var:Admin.Audit.Query ?><?cs /if ?>"><?cs call:icon("arrow-left") ?><span><?cs var:L.Admin.Audit.Newest ?></span></a></li><?cs /if ?><?cs if:Admin.Audit.Next ?>
    <li><a class="button button-small button-secondary" rel="next" href="<?cs var:Page.Base ?>/admin/audit?<?cs var:Admin.Audit.Next ?>"><span><?cs var:L.Admin.Audit.Older ?></span><?cs call:icon("arrow-right") ?></a></li><?cs /if ?>
  </ul>
</section>
<?cs include:"footer.cs" ?>
