"""The API's own pages work without reaching outside the network: no CDN a union's office may not reach."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_docs_load_swagger_from_our_own_static_files(cast, client_as):
    page = client_as(cast.chair).get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn.jsdelivr.net" not in page and "django-ninja.dev" not in page
    assert client_as(cast.chair).get("/api/v1/openapi.json").json()["info"]["title"].startswith("工会")


def test_an_api_path_that_names_nothing_answers_404_in_json(cast, client_as):
    response = client_as(cast.chair).get("/api/v1/orgs/-5")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_page_that_names_nothing_answers_the_chinese_404_page(cast, client_as):
    response = client_as(cast.chair).get("/orgs/-5/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_every_operation_documents_the_servers_414_for_an_overlong_request_line(cast, client_as):
    schema = client_as(cast.chair).get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations and all("414" in op["responses"] for op in operations)
    assert all(list(op["responses"]["414"]["content"]) == ["text/html"] for op in operations)
