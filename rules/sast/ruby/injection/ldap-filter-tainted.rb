require "net/ldap"

class SessionsController < ApplicationController
  def create
    ldap = Net::LDAP.new(host: "ldap.internal")
    # ruleid: picket.ruby.injection.ldap-filter-tainted
    ldap.search(base: "dc=example,dc=org", filter: "(uid=#{params[:user]})")
    # ruleid: picket.ruby.injection.ldap-filter-tainted
    f = Net::LDAP::Filter.construct("(cn=" + params[:cn] + ")")
    # ok: picket.ruby.injection.ldap-filter-tainted
    ldap.search(base: "dc=example,dc=org", filter: Net::LDAP::Filter.equals("uid", params[:user]))
    # ok: picket.ruby.injection.ldap-filter-tainted
    ldap.search(base: "dc=example,dc=org", filter: "(objectClass=person)")
  end
end
