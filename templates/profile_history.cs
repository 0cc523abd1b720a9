<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-history">
  <h2 id="h-history"><?cs var:L.Profile.History.Heading ?></h2>
  <p class="help"><?cs var:L.Profile.History.Help ?></p><?cs if:subcount(Profile.History) > 0 ?>
  <div class="table-wrap">
  <table class="profile-table">
    <thead>
      <tr><th scope="col"><?cs var:L.Profile.History.Time ?></th><th scope="col"><?cs var:L.Profile.History.Event ?></th><th scope="col"><?cs var:L.Profile.History.Outcome ?></th><th scope="col"><?cs var:L.Profile.History.IP ?></th></tr>
    </thead>
    <tbody><?cs each:h = Profile.History ?>
      <tr class="outcome-<?cs var:h.Outcome ?>">
        <td class="nowrap"><?cs var:h.Time ?></td>
        <td><?cs var:h.Event ?></td>
        <td><?cs if:h.Outcome == "ok" ?><span class="badge badge-ok"><?cs call:icon("ok") ?><?cs elif:h.Outcome == "fail" ?><span class="badge badge-down"><?cs call:icon("down") ?><?cs else ?><span class="badge badge-maintenance"><?cs call:icon("info") ?><?cs /if ?><span><?cs var:L.Profile.Outcome[h.Outcome] ?></span></span></td>
        <td><?cs if:h.IP ?><?cs var:h.IP ?><?cs else ?>–<?cs /if ?></td>
      </tr><?cs /each ?>
    </tbody>
  </table>
  </div><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Profile.History.None ?></span></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
