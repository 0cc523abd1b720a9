<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:L.Status.Title ?></h1>
  <p class="lead"><?cs var:L.Status.Intro ?></p>
</div>
<?cs if:Status.Overall == "operational" || Status.Overall == "degraded" || Status.Overall == "outage" ?>
<section class="overall overall-<?cs var:Status.Overall ?>" aria-labelledby="overall-text">
  <?cs if:Status.Overall == "operational" ?><?cs call:icon("ok") ?><?cs elif:Status.Overall == "degraded" ?><?cs call:icon("degraded") ?><?cs else ?><?cs call:icon("down") ?><?cs /if ?>
  <div>
    <p class="overall-text" id="overall-text"><?cs var:L.Status.Overall[Status.Overall] ?></p>
<?cs if:Status.CheckedAt ?>
    <p class="overall-checked"><?cs var:L.Status.CheckedAt ?>: <span class="nowrap"><?cs var:Status.CheckedAt ?></span></p>
<?cs /if ?>
  </div>
</section>
<?cs elif:Status.CheckedAt ?>
<p class="overall-checked"><?cs var:L.Status.CheckedAt ?>: <span class="nowrap"><?cs var:Status.CheckedAt ?></span></p>
<?cs /if ?>

<?cs if:subcount(Status.Components) > 0 ?>
<section class="section" aria-labelledby="h-components">
  <h2 id="h-components"><?cs var:L.Status.Components ?></h2>
  <ul class="components"><?cs each:c = Status.Components ?>
    <li class="component">
      <span class="component-name"><?cs var:c.Name ?></span>
      <?cs call:state_badge(c.State) ?><?cs if:c.Detail ?>
      <p class="component-detail"><?cs var:c.Detail ?></p><?cs /if ?>
    </li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="section" aria-labelledby="h-maint">
  <h2 id="h-maint"><?cs var:L.Status.Maintenance ?></h2>
<?cs if:subcount(Status.Maint) > 0 ?>
  <ul class="cards"><?cs each:m = Status.Maint ?>
    <li class="card <?cs if:m.Current == 1 ?>card-current<?cs else ?>card-upcoming<?cs /if ?>">
      <div class="card-head">
        <h3><?cs var:m.Title ?></h3>
        <span class="tag <?cs if:m.Current == 1 ?>tag-current<?cs else ?>tag-upcoming<?cs /if ?>"><?cs call:icon("maintenance") ?><span><?cs if:m.Current == 1 ?><?cs var:L.Maint.Current ?><?cs else ?><?cs var:L.Maint.Upcoming ?><?cs /if ?></span></span>
      </div><?cs if:m.Start ?>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Maint.From ?> <span class="nowrap"><?cs var:m.Start ?></span><?cs if:m.End ?> <?cs var:L.Maint.Until ?> <span class="nowrap"><?cs var:m.End ?></span><?cs /if ?></span></p><?cs /if ?><?cs if:m.Body ?>
      <p class="card-body"><?cs var:m.Body ?></p><?cs /if ?>
    </li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("ok") ?><span><?cs var:L.Status.NoMaintenance ?></span></p>
<?cs /if ?>
</section>

<section class="section" aria-labelledby="h-notices">
  <h2 id="h-notices"><?cs var:L.Status.Notices ?></h2>
<?cs if:subcount(Status.Notices) > 0 ?>
<?cs call:notice_cards(Status.Notices) ?>
<?cs else ?>
  <p class="empty"><?cs call:icon("shield") ?><span><?cs var:L.Status.NoNotices ?></span></p>
<?cs /if ?>
</section>

<p class="machine-link"><a href="<?cs var:Page.Base ?>/status.json" type="application/json"><?cs call:icon("doc") ?><span><?cs var:L.Status.Json ?></span></a></p>
<?cs include:"footer.cs" ?>
