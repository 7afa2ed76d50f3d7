"""mall: resident pages under /mall/ (namespace "mall")."""

from django.urls import path

from . import views

app_name = "mall"

urlpatterns = [
    path("mall/", views.item_list, name="items"),
    path("mall/items/<int:pk>/", views.item_detail, name="item"),
    path("mall/orders/", views.order_list, name="orders"),
    path("mall/orders/<int:pk>/", views.order_detail, name="order"),
    path("mall/orders/<int:pk>/cancel/", views.order_cancel, name="cancel"),
    path("mall/credit/", views.credit, name="credit"),
]
