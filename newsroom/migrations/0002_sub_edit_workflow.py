"""The Sub-edit workflow: every article (and issue) below the Solidarity archive page is
approved by a sub-editor or an editor, who may instead ask for changes with a comment.

Archive pages created later get the workflow from newsroom/signal_handlers.py.
"""

from django.db import migrations

WORKFLOW = "Sub-edit"
TASK = "Sub-editor approval"
APPROVERS = ["Sub-editors", "Editors"]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    IssueIndexPage = apps.get_model("issues", "IssueIndexPage")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.update_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set(Group.objects.filter(name__in=APPROVERS))
    workflow, _ = Workflow.objects.update_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in IssueIndexPage.objects.all():
        # The nearest assigned workflow applies: this one replaces the root page's for the
        # paper, and leaves bulletins and other pages as they were.
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowPage.objects.filter(workflow__name=WORKFLOW).delete()
    Workflow.objects.filter(name=WORKFLOW).update(active=False)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_roles")]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
