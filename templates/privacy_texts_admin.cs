<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/texts: every version of the legal texts (Legal.List.N:
  Id, Kind, KindLabel, Version, Title, Created, Published, State: draft |
  force | old), newest first per kind; links to view, edit a draft,
  publish, and to start a new version.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Legal.Admin.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Legal.Admin.Lead ?></p>
</div>
<?cs if:Legal.Done ?>
<div class="alert alert-success" role="status"><?cs call:icon("ok") ?><p><?cs var:L.Privacy.Legal.Admin.Done[Legal.Done] ?></p></div>
<?cs /if ?>
<p class="actions">
  <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/texts/new?kind=terms"><span><?cs var:L.Privacy.Legal.Admin.NewTerms ?></span></a>
  <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/texts/new?kind=privacy"><span><?cs var:L.Privacy.Legal.Admin.NewNotice ?></span></a>
</p>
<?cs if:subcount(Legal.List) > 0 ?>
<table class="table legal-texts">
  <thead><tr><th><?cs var:L.Privacy.Legal.Admin.Kind ?></th><th><?cs var:L.Privacy.Legal.Version ?></th><th><?cs var:L.Privacy.Legal.Admin.TitleCol ?></th><th><?cs var:L.Privacy.Legal.Admin.State ?></th><th></th></tr></thead>
  <tbody><?cs each:t = Legal.List ?>
    <tr id="text-<?cs var:t.Id ?>">
      <td><?cs var:t.KindLabel ?></td>
      <td><?cs var:t.Version ?></td>
      <td><?cs var:t.Title ?></td>
      <td class="text-state"><?cs var:L.Privacy.Legal.Admin.States[t.State] ?><?cs if:t.Published ?> (<span class="nowrap"><?cs var:t.Published ?></span>)<?cs /if ?></td>
      <td><a href="<?cs var:Page.Base ?>/privacy/admin/texts/view?id=<?cs var:t.Id ?>"><?cs var:L.Privacy.Legal.Admin.View ?></a><?cs if:t.State == "draft" ?>
        · <a href="<?cs var:Page.Base ?>/privacy/admin/texts/edit?id=<?cs var:t.Id ?>"><?cs var:L.Privacy.Legal.Admin.Edit ?></a>
        · <a href="<?cs var:Page.Base ?>/privacy/admin/texts/publish?id=<?cs var:t.Id ?>"><?cs var:L.Privacy.Legal.Admin.Publish ?></a><?cs /if ?></td>
    </tr><?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Legal.Admin.None ?></span></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
