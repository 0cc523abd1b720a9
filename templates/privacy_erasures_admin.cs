<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/erasures and a user's page.  Admin.View: list | user |
  confirm.  list: Admin.List.N (Id, User, Name, Email, Status, Requested,
  Due).  user, confirm: Admin.User (Id, Name, Email, Open {Id, Status,
  Requested, Due, ByOther}, Holds.N {Id, Reason, Until}).  Admin.Can.Schedule:
  an administrator (may erase a user at once); Admin.Can.Hold: may set and
  remove legal holds (privacy.manage).  The program decided both.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Erasures.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Erasures.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
<?cs if:Admin.View == "list" ?>
<section class="section" aria-labelledby="h-list">
  <h2 id="h-list"><?cs var:L.Privacy.Erasures.Open ?></h2>
<?cs if:subcount(Admin.List) > 0 ?>
  <table class="table erasures">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Erasures.User ?></th><th scope="col"><?cs var:L.Privacy.Erasures.Status ?></th><th scope="col"><?cs var:L.Privacy.Erase.Open.Requested ?></th><th scope="col"><?cs var:L.Privacy.Erase.Open.Due ?></th></tr></thead>
    <tbody><?cs each:e = Admin.List ?>
      <tr id="erasure-<?cs var:e.Id ?>"><td><a href="<?cs var:Page.Base ?>/privacy/admin/user?id=<?cs var:url_escape(e.User) ?>"><?cs var:e.Name ?></a> <span class="muted"><?cs var:e.Email ?></span></td>
        <td><?cs var:L.Privacy.Erase.Open.Status[e.Status] ?></td><td class="nowrap"><?cs var:e.Requested ?></td><td class="nowrap"><?cs var:e.Due ?></td></tr><?cs /each ?>
    </tbody>
  </table>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Erasures.None ?></span></p>
<?cs /if ?>
  <form method="get" action="<?cs var:Page.Base ?>/privacy/admin/user" class="inline-form">
    <label for="f-user"><?cs var:L.Privacy.Erasures.Find ?></label>
    <input id="f-user" name="id" type="text" inputmode="numeric" pattern="[0-9]+" required>
    <button type="submit" class="button-secondary"><?cs call:icon("arrow-right") ?><span><?cs var:L.Privacy.Erasures.Show ?></span></button>
  </form>
</section>
<?cs else ?>
<section class="section" aria-labelledby="h-user">
  <h2 id="h-user"><?cs var:Admin.User.Name ?> <span class="muted"><?cs var:Admin.User.Email ?></span></h2>
<?cs if:Admin.User.Open.Id ?>
  <p class="erasure-open"><?cs var:L.Privacy.Erase.Open.Status[Admin.User.Open.Status] ?> · <?cs var:L.Privacy.Erase.Open.Requested ?>: <span class="nowrap"><?cs var:Admin.User.Open.Requested ?></span> · <?cs var:L.Privacy.Erase.Open.Due ?>: <span class="nowrap"><?cs var:Admin.User.Open.Due ?></span></p>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Erasures.NoRequest ?></span></p>
<?cs /if ?>
<?cs if:Admin.View == "confirm" ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:L.Privacy.Erasures.Confirm.Text ?></p></div>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/erasures/schedule">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
    <div class="actions"><button type="submit"><?cs call:icon("down") ?><span><?cs var:L.Privacy.Erasures.Confirm.Submit ?></span></button>
    <a class="button button-secondary" href="<?cs var:Page.Base ?>/privacy/admin/user?id=<?cs var:url_escape(Admin.User.Id) ?>"><?cs var:L.Privacy.Erasures.Confirm.Back ?></a></div>
  </form>
<?cs elif:Admin.Can.Schedule ?>
  <p><a class="button" href="<?cs var:Page.Base ?>/privacy/admin/erasures/confirm?id=<?cs var:url_escape(Admin.User.Id) ?>"><?cs var:L.Privacy.Erasures.Schedule ?></a></p>
<?cs /if ?>
  <h3><?cs var:L.Privacy.Erase.Holds.Title ?></h3>
<?cs if:subcount(Admin.User.Holds) > 0 ?>
  <ul class="cards erasure-holds"><?cs each:h = Admin.User.Holds ?>
    <li class="card" id="hold-<?cs var:h.Id ?>"><p class="card-body hold-reason"><?cs var:h.Reason ?></p>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Privacy.Erase.Holds.Until ?>: <span class="nowrap"><?cs var:h.Until ?></span></span></p><?cs if:Admin.Can.Hold ?>
      <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/holds/remove">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <input type="hidden" name="id" value="<?cs var:h.Id ?>">
        <div class="actions"><button type="submit" class="button-small button-secondary"><span><?cs var:L.Privacy.Erasures.Hold.Remove ?></span></button></div>
      </form><?cs /if ?></li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Erasures.Hold.None ?></span></p>
<?cs /if ?><?cs if:Admin.Can.Hold ?>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/holds/set" class="form">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
    <div class="field"><label for="f-rde"><?cs var:L.Privacy.Erasures.Hold.ReasonDe ?></label>
      <input id="f-rde" name="reason_de" type="text" maxlength="500" required value="<?cs var:Form.ReasonDe ?>"></div>
    <div class="field"><label for="f-ren"><?cs var:L.Privacy.Erasures.Hold.ReasonEn ?></label>
      <input id="f-ren" name="reason_en" type="text" maxlength="500" required value="<?cs var:Form.ReasonEn ?>"></div>
    <div class="field"><label for="f-until"><?cs var:L.Privacy.Erasures.Hold.Until ?></label>
      <input id="f-until" name="until" type="date" required value="<?cs var:Form.Until ?>"></div>
    <div class="actions"><button type="submit"><?cs call:icon("lock") ?><span><?cs var:L.Privacy.Erasures.Hold.Set ?></span></button></div>
  </form>
<?cs /if ?>
  <p><a href="<?cs var:Page.Base ?>/privacy/admin/erasures"><?cs var:L.Privacy.Erasures.Back ?></a></p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
